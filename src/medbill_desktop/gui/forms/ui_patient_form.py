# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'patient_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QRadioButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_PatientDialog(object):
    def setupUi(self, PatientDialog):
        if not PatientDialog.objectName():
            PatientDialog.setObjectName(u"PatientDialog")
        PatientDialog.resize(1040, 620)
        self.mainLayout = QVBoxLayout(PatientDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(PatientDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(PatientDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(PatientDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.columns = QWidget(PatientDialog)
        self.columns.setObjectName(u"columns")
        self.columnsLayout = QHBoxLayout(self.columns)
        self.columnsLayout.setSpacing(14)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.columnsLayout.setContentsMargins(0, 0, 0, 0)
        self.leftColumn = QWidget(self.columns)
        self.leftColumn.setObjectName(u"leftColumn")
        self.leftLayout = QVBoxLayout(self.leftColumn)
        self.leftLayout.setSpacing(8)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.patientGroup = QGroupBox(self.leftColumn)
        self.patientGroup.setObjectName(u"patientGroup")
        self.patientGrid = QGridLayout(self.patientGroup)
        self.patientGrid.setObjectName(u"patientGrid")
        self.patientGrid.setHorizontalSpacing(10)
        self.patientGrid.setVerticalSpacing(8)
        self.lastNameLabel = QLabel(self.patientGroup)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.patientGrid.addWidget(self.lastNameLabel, 0, 0, 1, 1)

        self.lastNameEdit = QLineEdit(self.patientGroup)
        self.lastNameEdit.setObjectName(u"lastNameEdit")
        self.lastNameEdit.setMaxLength(35)

        self.patientGrid.addWidget(self.lastNameEdit, 0, 1, 1, 1)

        self.firstNameLabel = QLabel(self.patientGroup)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.patientGrid.addWidget(self.firstNameLabel, 0, 2, 1, 1)

        self.firstNameEdit = QLineEdit(self.patientGroup)
        self.firstNameEdit.setObjectName(u"firstNameEdit")
        self.firstNameEdit.setMaxLength(35)

        self.patientGrid.addWidget(self.firstNameEdit, 0, 3, 1, 1)

        self.middleNameLabel = QLabel(self.patientGroup)
        self.middleNameLabel.setObjectName(u"middleNameLabel")

        self.patientGrid.addWidget(self.middleNameLabel, 1, 0, 1, 1)

        self.middleNameEdit = QLineEdit(self.patientGroup)
        self.middleNameEdit.setObjectName(u"middleNameEdit")
        self.middleNameEdit.setMaxLength(35)

        self.patientGrid.addWidget(self.middleNameEdit, 1, 1, 1, 1)

        self.suffixLabel = QLabel(self.patientGroup)
        self.suffixLabel.setObjectName(u"suffixLabel")

        self.patientGrid.addWidget(self.suffixLabel, 1, 2, 1, 1)

        self.suffixEdit = QLineEdit(self.patientGroup)
        self.suffixEdit.setObjectName(u"suffixEdit")
        self.suffixEdit.setMaxLength(4)

        self.patientGrid.addWidget(self.suffixEdit, 1, 3, 1, 1)

        self.dobLabel = QLabel(self.patientGroup)
        self.dobLabel.setObjectName(u"dobLabel")

        self.patientGrid.addWidget(self.dobLabel, 2, 0, 1, 1)

        self.dobEdit = QLineEdit(self.patientGroup)
        self.dobEdit.setObjectName(u"dobEdit")

        self.patientGrid.addWidget(self.dobEdit, 2, 1, 1, 1)

        self.sexLabel = QLabel(self.patientGroup)
        self.sexLabel.setObjectName(u"sexLabel")

        self.patientGrid.addWidget(self.sexLabel, 2, 2, 1, 1)

        self.sexCombo = QComboBox(self.patientGroup)
        self.sexCombo.setObjectName(u"sexCombo")

        self.patientGrid.addWidget(self.sexCombo, 2, 3, 1, 1)

        self.patientGrid.setColumnStretch(1, 1)
        self.patientGrid.setColumnStretch(3, 1)

        self.leftLayout.addWidget(self.patientGroup)

        self.addressGroup = QGroupBox(self.leftColumn)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGrid = QGridLayout(self.addressGroup)
        self.addressGrid.setObjectName(u"addressGrid")
        self.addressGrid.setHorizontalSpacing(10)
        self.addressGrid.setVerticalSpacing(8)
        self.line1Label = QLabel(self.addressGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.addressGrid.addWidget(self.line1Label, 0, 0, 1, 1)

        self.line1Edit = QLineEdit(self.addressGroup)
        self.line1Edit.setObjectName(u"line1Edit")
        self.line1Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line1Edit, 0, 1, 1, 3)

        self.line2Label = QLabel(self.addressGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.addressGrid.addWidget(self.line2Label, 1, 0, 1, 1)

        self.line2Edit = QLineEdit(self.addressGroup)
        self.line2Edit.setObjectName(u"line2Edit")
        self.line2Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line2Edit, 1, 1, 1, 3)

        self.cityLabel = QLabel(self.addressGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.addressGrid.addWidget(self.cityLabel, 2, 0, 1, 1)

        self.cityEdit = QLineEdit(self.addressGroup)
        self.cityEdit.setObjectName(u"cityEdit")
        self.cityEdit.setMaxLength(30)

        self.addressGrid.addWidget(self.cityEdit, 2, 1, 1, 1)

        self.stateLabel = QLabel(self.addressGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.addressGrid.addWidget(self.stateLabel, 2, 2, 1, 1)

        self.stateEdit = QLineEdit(self.addressGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.addressGrid.addWidget(self.stateEdit, 2, 3, 1, 1)

        self.zipLabel = QLabel(self.addressGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.addressGrid.addWidget(self.zipLabel, 3, 0, 1, 1)

        self.zipEdit = QLineEdit(self.addressGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.addressGrid.addWidget(self.zipEdit, 3, 1, 1, 1)

        self.emailLabel = QLabel(self.addressGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.addressGrid.addWidget(self.emailLabel, 3, 2, 1, 1)

        self.emailEdit = QLineEdit(self.addressGroup)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(80)

        self.addressGrid.addWidget(self.emailEdit, 3, 3, 1, 1)

        self.homePhoneLabel = QLabel(self.addressGroup)
        self.homePhoneLabel.setObjectName(u"homePhoneLabel")

        self.addressGrid.addWidget(self.homePhoneLabel, 4, 0, 1, 1)

        self.homePhoneEdit = QLineEdit(self.addressGroup)
        self.homePhoneEdit.setObjectName(u"homePhoneEdit")
        self.homePhoneEdit.setMaxLength(16)

        self.addressGrid.addWidget(self.homePhoneEdit, 4, 1, 1, 1)

        self.cellPhoneLabel = QLabel(self.addressGroup)
        self.cellPhoneLabel.setObjectName(u"cellPhoneLabel")

        self.addressGrid.addWidget(self.cellPhoneLabel, 4, 2, 1, 1)

        self.cellPhoneEdit = QLineEdit(self.addressGroup)
        self.cellPhoneEdit.setObjectName(u"cellPhoneEdit")
        self.cellPhoneEdit.setMaxLength(16)

        self.addressGrid.addWidget(self.cellPhoneEdit, 4, 3, 1, 1)

        self.workPhoneLabel = QLabel(self.addressGroup)
        self.workPhoneLabel.setObjectName(u"workPhoneLabel")

        self.addressGrid.addWidget(self.workPhoneLabel, 5, 0, 1, 1)

        self.workPhoneEdit = QLineEdit(self.addressGroup)
        self.workPhoneEdit.setObjectName(u"workPhoneEdit")
        self.workPhoneEdit.setMaxLength(16)

        self.addressGrid.addWidget(self.workPhoneEdit, 5, 1, 1, 1)

        self.releaseLabel = QLabel(self.addressGroup)
        self.releaseLabel.setObjectName(u"releaseLabel")

        self.addressGrid.addWidget(self.releaseLabel, 5, 2, 1, 1)

        self.releaseEdit = QLineEdit(self.addressGroup)
        self.releaseEdit.setObjectName(u"releaseEdit")

        self.addressGrid.addWidget(self.releaseEdit, 5, 3, 1, 1)

        self.addressGrid.setColumnStretch(1, 1)
        self.addressGrid.setColumnStretch(3, 1)

        self.leftLayout.addWidget(self.addressGroup)

        self.leftSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftLayout.addItem(self.leftSpacer)


        self.columnsLayout.addWidget(self.leftColumn)

        self.rightColumn = QWidget(self.columns)
        self.rightColumn.setObjectName(u"rightColumn")
        self.rightLayout = QVBoxLayout(self.rightColumn)
        self.rightLayout.setSpacing(8)
        self.rightLayout.setObjectName(u"rightLayout")
        self.rightLayout.setContentsMargins(0, 0, 0, 0)
        self.guarantorGroup = QGroupBox(self.rightColumn)
        self.guarantorGroup.setObjectName(u"guarantorGroup")
        self.guarantorLayout = QVBoxLayout(self.guarantorGroup)
        self.guarantorLayout.setSpacing(8)
        self.guarantorLayout.setObjectName(u"guarantorLayout")
        self.selfRadio = QRadioButton(self.guarantorGroup)
        self.selfRadio.setObjectName(u"selfRadio")
        self.selfRadio.setChecked(True)

        self.guarantorLayout.addWidget(self.selfRadio)

        self.otherRadio = QRadioButton(self.guarantorGroup)
        self.otherRadio.setObjectName(u"otherRadio")

        self.guarantorLayout.addWidget(self.otherRadio)

        self.guarantorFrame = QWidget(self.guarantorGroup)
        self.guarantorFrame.setObjectName(u"guarantorFrame")
        self.guarantorGrid = QGridLayout(self.guarantorFrame)
        self.guarantorGrid.setObjectName(u"guarantorGrid")
        self.guarantorGrid.setHorizontalSpacing(10)
        self.guarantorGrid.setVerticalSpacing(6)
        self.guarantorGrid.setContentsMargins(0, 0, 0, 0)
        self.gLastLabel = QLabel(self.guarantorFrame)
        self.gLastLabel.setObjectName(u"gLastLabel")

        self.guarantorGrid.addWidget(self.gLastLabel, 0, 0, 1, 1)

        self.gLastEdit = QLineEdit(self.guarantorFrame)
        self.gLastEdit.setObjectName(u"gLastEdit")
        self.gLastEdit.setMaxLength(35)

        self.guarantorGrid.addWidget(self.gLastEdit, 0, 1, 1, 1)

        self.gFirstLabel = QLabel(self.guarantorFrame)
        self.gFirstLabel.setObjectName(u"gFirstLabel")

        self.guarantorGrid.addWidget(self.gFirstLabel, 1, 0, 1, 1)

        self.gFirstEdit = QLineEdit(self.guarantorFrame)
        self.gFirstEdit.setObjectName(u"gFirstEdit")
        self.gFirstEdit.setMaxLength(35)

        self.guarantorGrid.addWidget(self.gFirstEdit, 1, 1, 1, 1)

        self.gRelationLabel = QLabel(self.guarantorFrame)
        self.gRelationLabel.setObjectName(u"gRelationLabel")

        self.guarantorGrid.addWidget(self.gRelationLabel, 2, 0, 1, 1)

        self.gRelationCombo = QComboBox(self.guarantorFrame)
        self.gRelationCombo.setObjectName(u"gRelationCombo")

        self.guarantorGrid.addWidget(self.gRelationCombo, 2, 1, 1, 1)

        self.gDobLabel = QLabel(self.guarantorFrame)
        self.gDobLabel.setObjectName(u"gDobLabel")

        self.guarantorGrid.addWidget(self.gDobLabel, 3, 0, 1, 1)

        self.gDobEdit = QLineEdit(self.guarantorFrame)
        self.gDobEdit.setObjectName(u"gDobEdit")

        self.guarantorGrid.addWidget(self.gDobEdit, 3, 1, 1, 1)

        self.gPhoneLabel = QLabel(self.guarantorFrame)
        self.gPhoneLabel.setObjectName(u"gPhoneLabel")

        self.guarantorGrid.addWidget(self.gPhoneLabel, 4, 0, 1, 1)

        self.gPhoneEdit = QLineEdit(self.guarantorFrame)
        self.gPhoneEdit.setObjectName(u"gPhoneEdit")
        self.gPhoneEdit.setMaxLength(16)

        self.guarantorGrid.addWidget(self.gPhoneEdit, 4, 1, 1, 1)

        self.gSameAddressCheck = QCheckBox(self.guarantorFrame)
        self.gSameAddressCheck.setObjectName(u"gSameAddressCheck")
        self.gSameAddressCheck.setChecked(True)

        self.guarantorGrid.addWidget(self.gSameAddressCheck, 5, 1, 1, 1)

        self.gLine1Label = QLabel(self.guarantorFrame)
        self.gLine1Label.setObjectName(u"gLine1Label")

        self.guarantorGrid.addWidget(self.gLine1Label, 6, 0, 1, 1)

        self.gLine1Edit = QLineEdit(self.guarantorFrame)
        self.gLine1Edit.setObjectName(u"gLine1Edit")
        self.gLine1Edit.setMaxLength(55)

        self.guarantorGrid.addWidget(self.gLine1Edit, 6, 1, 1, 1)

        self.gLine2Label = QLabel(self.guarantorFrame)
        self.gLine2Label.setObjectName(u"gLine2Label")

        self.guarantorGrid.addWidget(self.gLine2Label, 7, 0, 1, 1)

        self.gLine2Edit = QLineEdit(self.guarantorFrame)
        self.gLine2Edit.setObjectName(u"gLine2Edit")
        self.gLine2Edit.setMaxLength(55)

        self.guarantorGrid.addWidget(self.gLine2Edit, 7, 1, 1, 1)

        self.gCityLabel = QLabel(self.guarantorFrame)
        self.gCityLabel.setObjectName(u"gCityLabel")

        self.guarantorGrid.addWidget(self.gCityLabel, 8, 0, 1, 1)

        self.gCityEdit = QLineEdit(self.guarantorFrame)
        self.gCityEdit.setObjectName(u"gCityEdit")
        self.gCityEdit.setMaxLength(30)

        self.guarantorGrid.addWidget(self.gCityEdit, 8, 1, 1, 1)

        self.gStateLabel = QLabel(self.guarantorFrame)
        self.gStateLabel.setObjectName(u"gStateLabel")

        self.guarantorGrid.addWidget(self.gStateLabel, 9, 0, 1, 1)

        self.gStateEdit = QLineEdit(self.guarantorFrame)
        self.gStateEdit.setObjectName(u"gStateEdit")
        self.gStateEdit.setMaxLength(2)

        self.guarantorGrid.addWidget(self.gStateEdit, 9, 1, 1, 1)

        self.gZipLabel = QLabel(self.guarantorFrame)
        self.gZipLabel.setObjectName(u"gZipLabel")

        self.guarantorGrid.addWidget(self.gZipLabel, 10, 0, 1, 1)

        self.gZipEdit = QLineEdit(self.guarantorFrame)
        self.gZipEdit.setObjectName(u"gZipEdit")
        self.gZipEdit.setMaxLength(10)

        self.guarantorGrid.addWidget(self.gZipEdit, 10, 1, 1, 1)

        self.guarantorGrid.setColumnStretch(1, 1)

        self.guarantorLayout.addWidget(self.guarantorFrame)

        self.guarantorSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.guarantorLayout.addItem(self.guarantorSpacer)


        self.rightLayout.addWidget(self.guarantorGroup)


        self.columnsLayout.addWidget(self.rightColumn)

        self.columnsLayout.setStretch(0, 3)
        self.columnsLayout.setStretch(1, 2)

        self.mainLayout.addWidget(self.columns)

        self.buttons = QDialogButtonBox(PatientDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.middleNameLabel.setBuddy(self.middleNameEdit)
        self.suffixLabel.setBuddy(self.suffixEdit)
        self.dobLabel.setBuddy(self.dobEdit)
        self.sexLabel.setBuddy(self.sexCombo)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.homePhoneLabel.setBuddy(self.homePhoneEdit)
        self.cellPhoneLabel.setBuddy(self.cellPhoneEdit)
        self.workPhoneLabel.setBuddy(self.workPhoneEdit)
        self.releaseLabel.setBuddy(self.releaseEdit)
        self.gLastLabel.setBuddy(self.gLastEdit)
        self.gFirstLabel.setBuddy(self.gFirstEdit)
        self.gRelationLabel.setBuddy(self.gRelationCombo)
        self.gDobLabel.setBuddy(self.gDobEdit)
        self.gPhoneLabel.setBuddy(self.gPhoneEdit)
        self.gLine1Label.setBuddy(self.gLine1Edit)
        self.gLine2Label.setBuddy(self.gLine2Edit)
        self.gCityLabel.setBuddy(self.gCityEdit)
        self.gStateLabel.setBuddy(self.gStateEdit)
        self.gZipLabel.setBuddy(self.gZipEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.lastNameEdit, self.firstNameEdit)
        QWidget.setTabOrder(self.firstNameEdit, self.middleNameEdit)
        QWidget.setTabOrder(self.middleNameEdit, self.suffixEdit)
        QWidget.setTabOrder(self.suffixEdit, self.dobEdit)
        QWidget.setTabOrder(self.dobEdit, self.sexCombo)
        QWidget.setTabOrder(self.sexCombo, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.homePhoneEdit)
        QWidget.setTabOrder(self.homePhoneEdit, self.cellPhoneEdit)
        QWidget.setTabOrder(self.cellPhoneEdit, self.workPhoneEdit)
        QWidget.setTabOrder(self.workPhoneEdit, self.releaseEdit)
        QWidget.setTabOrder(self.releaseEdit, self.selfRadio)
        QWidget.setTabOrder(self.selfRadio, self.otherRadio)
        QWidget.setTabOrder(self.otherRadio, self.gLastEdit)
        QWidget.setTabOrder(self.gLastEdit, self.gFirstEdit)
        QWidget.setTabOrder(self.gFirstEdit, self.gRelationCombo)
        QWidget.setTabOrder(self.gRelationCombo, self.gDobEdit)
        QWidget.setTabOrder(self.gDobEdit, self.gPhoneEdit)
        QWidget.setTabOrder(self.gPhoneEdit, self.gSameAddressCheck)
        QWidget.setTabOrder(self.gSameAddressCheck, self.gLine1Edit)
        QWidget.setTabOrder(self.gLine1Edit, self.gLine2Edit)
        QWidget.setTabOrder(self.gLine2Edit, self.gCityEdit)
        QWidget.setTabOrder(self.gCityEdit, self.gStateEdit)
        QWidget.setTabOrder(self.gStateEdit, self.gZipEdit)
        QWidget.setTabOrder(self.gZipEdit, self.buttons)

        self.retranslateUi(PatientDialog)

        QMetaObject.connectSlotsByName(PatientDialog)
    # setupUi

    def retranslateUi(self, PatientDialog):
        PatientDialog.setWindowTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.titleLabel.setText(QCoreApplication.translate("PatientDialog", u"Register a patient", None))
        self.hintLabel.setText(QCoreApplication.translate("PatientDialog", u"Name and date of birth are required; copy the rest from the patient's ID and the registration sheet. Ctrl+S or Enter saves.", None))
        self.patientGroup.setTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.lastNameLabel.setText(QCoreApplication.translate("PatientDialog", u"&Last name", None))
        self.firstNameLabel.setText(QCoreApplication.translate("PatientDialog", u"&First name", None))
        self.middleNameLabel.setText(QCoreApplication.translate("PatientDialog", u"&Middle name", None))
        self.suffixLabel.setText(QCoreApplication.translate("PatientDialog", u"Suffi&x", None))
        self.suffixEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"JR, SR, II\u2026", None))
        self.dobLabel.setText(QCoreApplication.translate("PatientDialog", u"Date of &birth", None))
        self.sexLabel.setText(QCoreApplication.translate("PatientDialog", u"&Sex", None))
        self.addressGroup.setTitle(QCoreApplication.translate("PatientDialog", u"Address and phone", None))
        self.line1Label.setText(QCoreApplication.translate("PatientDialog", u"S&treet", None))
        self.line2Label.setText(QCoreApplication.translate("PatientDialog", u"Street line &2", None))
        self.line2Edit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"apartment, suite (optional)", None))
        self.cityLabel.setText(QCoreApplication.translate("PatientDialog", u"&City", None))
        self.stateLabel.setText(QCoreApplication.translate("PatientDialog", u"Stat&e", None))
        self.stateEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"IL", None))
        self.zipLabel.setText(QCoreApplication.translate("PatientDialog", u"&ZIP code", None))
        self.emailLabel.setText(QCoreApplication.translate("PatientDialog", u"Email", None))
        self.homePhoneLabel.setText(QCoreApplication.translate("PatientDialog", u"&Home phone", None))
        self.cellPhoneLabel.setText(QCoreApplication.translate("PatientDialog", u"Cell &phone", None))
        self.workPhoneLabel.setText(QCoreApplication.translate("PatientDialog", u"&Work phone", None))
        self.releaseLabel.setText(QCoreApplication.translate("PatientDialog", u"Release of &info", None))
#if QT_CONFIG(tooltip)
        self.releaseEdit.setToolTip(QCoreApplication.translate("PatientDialog", u"Item 12: the date the patient signed the release of information (leave empty if not on file)", None))
#endif // QT_CONFIG(tooltip)
        self.guarantorGroup.setTitle(QCoreApplication.translate("PatientDialog", u"Guarantor: who pays the bills", None))
        self.selfRadio.setText(QCoreApplication.translate("PatientDialog", u"The patient pa&ys their own bills", None))
        self.otherRadio.setText(QCoreApplication.translate("PatientDialog", u"An&other person pays (parent, spouse, guardian\u2026)", None))
        self.gLastLabel.setText(QCoreApplication.translate("PatientDialog", u"Last name", None))
        self.gFirstLabel.setText(QCoreApplication.translate("PatientDialog", u"First name", None))
        self.gRelationLabel.setText(QCoreApplication.translate("PatientDialog", u"Relationship", None))
        self.gDobLabel.setText(QCoreApplication.translate("PatientDialog", u"Date of birth", None))
        self.gPhoneLabel.setText(QCoreApplication.translate("PatientDialog", u"Phone", None))
        self.gSameAddressCheck.setText(QCoreApplication.translate("PatientDialog", u"Lives at the patient's address", None))
        self.gLine1Label.setText(QCoreApplication.translate("PatientDialog", u"Street", None))
        self.gLine2Label.setText(QCoreApplication.translate("PatientDialog", u"Street line 2", None))
        self.gCityLabel.setText(QCoreApplication.translate("PatientDialog", u"City", None))
        self.gStateLabel.setText(QCoreApplication.translate("PatientDialog", u"State", None))
        self.gZipLabel.setText(QCoreApplication.translate("PatientDialog", u"ZIP code", None))
    # retranslateUi

